import '@xterm/xterm/css/xterm.css';
import './styles.css';
import { createRoot } from 'react-dom/client';
import type { PreloadBridge } from '../shared/contract/channels';
import { App } from './app/App';
import { parseStreams } from './captures/parseStreams';
import { bindTerminalFeeds } from './captures/terminalFeeds';
import { listenForInput } from './captures/inputFirst';
import { bindClient } from './state/bindClient';
import { WorkbenchClient } from './transport/client';
import { createElectronTransport } from './transport/electronTransport';
import { takeBrowserToken } from './transport/browserToken';
import { createWebSocketTransport } from './transport/webSocketTransport';

declare global {
  interface Window {
    /** Present only in Electron, put there by the preload. */
    workbench?: PreloadBridge;
  }
}

const transport = window.workbench
  ? createElectronTransport(window.workbench)
  : createWebSocketTransport(takeBrowserToken());
bindClient(new WorkbenchClient(transport));
bindTerminalFeeds();
parseStreams.start();
listenForInput(window);

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
