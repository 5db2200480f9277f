/** Names of software rasterisers: xterm.js's WebGL addon is ~6x slower there than its DOM renderer. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render|microsoft basic/i;

export type TerminalRenderer = 'webgl' | 'dom';

/** WebGL only on a real GPU; VMs, remote desktops and headless browsers get the DOM renderer. */
export function chooseTerminalRenderer(): TerminalRenderer {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return 'dom';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = info
      ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL))
      : String(gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return SOFTWARE_RENDERER.test(name) ? 'dom' : 'webgl';
  } catch {
    return 'dom';
  }
}

let cached: TerminalRenderer | null = null;
export const terminalRenderer = (): TerminalRenderer => (cached ??= chooseTerminalRenderer());
