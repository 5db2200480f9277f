import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { HostProfile, type RequestArgs } from '../../../shared/contract/index';
import { newId } from '../util/ids';
import { writeFileAtomic } from './atomicFile';

const HostsFile = z.object({ version: z.literal(1), hosts: z.array(HostProfile) });

/** Saved host profiles: address, port, user and key path; never a secret. */
export class HostStore {
  private cache: HostProfile[] | null = null;

  constructor(private readonly path: string) {}

  async list(): Promise<HostProfile[]> {
    if (this.cache) return this.cache;
    const text = await readFile(this.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (text === null) return (this.cache = []);
    const parsed = HostsFile.safeParse(JSON.parse(text));
    if (!parsed.success)
      throw new Error(`The hosts file ${this.path} is damaged; it was left untouched.`);
    return (this.cache = parsed.data.hosts);
  }

  async get(id: string): Promise<HostProfile> {
    const host = (await this.list()).find((h) => h.id === id);
    if (!host) throw new Error(`No saved host with id ${id}.`);
    return host;
  }

  async save(input: RequestArgs<'hosts.save'>): Promise<HostProfile> {
    const hosts = await this.list();
    const profile = HostProfile.parse({
      ...input,
      id: input.id ?? newId('h'),
      label:
        input.label?.trim() ||
        `${input.user}@${input.host}${input.port === 22 ? '' : `:${input.port}`}`,
    });
    // An edited host keeps its place in the list; a new one goes last.
    const next = hosts.some((h) => h.id === profile.id)
      ? hosts.map((h) => (h.id === profile.id ? profile : h))
      : hosts.concat(profile);
    await this.write(next);
    return profile;
  }

  async remove(id: string): Promise<boolean> {
    const hosts = await this.list();
    const next = hosts.filter((h) => h.id !== id);
    if (next.length === hosts.length) return false;
    await this.write(next);
    return true;
  }

  private async write(hosts: HostProfile[]): Promise<void> {
    await writeFileAtomic(this.path, `${JSON.stringify({ version: 1, hosts }, null, 2)}\n`);
    this.cache = hosts;
  }
}
