import { describe, expect, it } from 'vitest';
import type { HostProfile } from '../../../shared/contract/index';
import { connectTargetOf, jumpTargetsOf } from '../../../electron/node/ssh/connectTargets';
import { SshConnectError } from '../../../electron/node/ssh/connectErrors';

const agent = { socket: '/run/agent.sock', name: 'the ssh-agent' };

const bastion: HostProfile = {
  id: 'h_bastion1',
  label: 'bastion',
  host: 'bastion.example',
  port: 2222,
  user: 'ops',
  keyPath: '~/.ssh/id_old',
  extraKeyPaths: ['~/.ssh/id_ed25519'],
  identitiesOnly: true,
  serverAliveInterval: 7,
  serverAliveCountMax: 3,
  authMethods: ['publickey'],
};

const target = (jump: HostProfile['jump']): HostProfile => ({
  id: 'h_target01',
  label: 'db',
  host: '10.0.0.5',
  port: 22,
  user: 'deploy',
  jump,
});

const lookup = (id: string): Promise<HostProfile> =>
  id === bastion.id ? Promise.resolve(bastion) : Promise.reject(new Error('gone'));

describe('jumpTargetsOf', () => {
  it('makes a hop naming a profile exactly as a direct connection to that profile', async () => {
    for (const found of [agent, null]) {
      const [hop] = await jumpTargetsOf(target([{ hostId: bastion.id }]), lookup, found);
      expect(hop).toEqual(connectTargetOf(bastion, found));
    }
    const [hop] = await jumpTargetsOf(target([{ hostId: bastion.id }]), lookup, agent);
    expect(hop).toMatchObject({
      extraKeyPaths: ['~/.ssh/id_ed25519'],
      agentSocket: agent.socket,
      identitiesOnly: true,
      serverAliveInterval: 7,
      serverAliveCountMax: 3,
    });
  });

  it('offers the agent to an address hop, as ssh does to every hop', async () => {
    const address = { host: 'jump.example', port: 22, user: 'me' };
    const [hop] = await jumpTargetsOf(target([address]), lookup, agent);
    expect(hop).toEqual({ ...address, agentSocket: agent.socket, agentName: agent.name });
  });

  it('keeps the agent from a hop profile that turns it off, and names a hop that needs one', async () => {
    const noAgent = { ...bastion, agent: false };
    const [hop] = await jumpTargetsOf(target([{ hostId: bastion.id }]), async () => noAgent, agent);
    expect(hop?.agentSocket).toBeUndefined();

    const needsAgent = { ...bastion, agent: true };
    const error = await jumpTargetsOf(
      target([{ hostId: bastion.id }]),
      async () => needsAgent,
      null,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SshConnectError);
    expect(String(error)).toContain(
      'Jump host 1 of 1 (ops@[bastion.example]:2222): ops@bastion.example:2222 is set to use the ssh-agent',
    );
  });

  it('says which profile a hop names that no longer exists', async () => {
    const error = await jumpTargetsOf(target([{ hostId: 'h_missing1' }]), lookup, null).catch(
      (e: unknown) => e,
    );
    expect(String(error)).toContain(
      'The jump host profile h_missing1 named by db no longer exists.',
    );
  });
});
