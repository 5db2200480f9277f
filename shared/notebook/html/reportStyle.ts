/** The report's only styling, inline: dense, calm, dark on light, prints as it shows. */
export const REPORT_CSS = `
body{font:13px/1.45 system-ui,sans-serif;color:#1d232a;background:#fff;margin:24px auto;max-width:1100px;padding:0 16px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;border-bottom:1px solid #d5dbe1;margin:24px 0 8px;padding-bottom:2px}
h3{font-size:14px;margin:18px 0 4px}h4{font-size:13px;margin:10px 0 4px}h5{font-size:12px;margin:0 0 2px}
.meta,.source,.more,.none,.threads{color:#56606b}.more,.none{font-style:italic}
table{border-collapse:collapse;margin:6px 0;font-size:12px}caption{text-align:left;font-weight:600;padding:2px 0}
th,td{border:1px solid #d5dbe1;padding:2px 6px;text-align:left;vertical-align:top;max-width:520px;overflow-wrap:anywhere}
th{background:#f1f4f7}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr.total td{background:#f6f1e3;font-weight:600}tr.hot td{background:#fbe9e7}
pre{background:#f6f8fa;border:1px solid #e1e5e9;padding:6px 8px;font:12px/1.35 ui-monospace,monospace;white-space:pre-wrap;overflow-wrap:anywhere;max-height:480px;overflow:auto}
.stack-group{border-left:3px solid #c2532d;padding:2px 8px;margin:6px 0}.stack-group.idle{border-left-color:#9aa5b1}
ol.frames{margin:2px 0;padding-left:22px;font:12px/1.35 ui-monospace,monospace}
.icicle{display:block;border:1px solid #e1e5e9;margin:6px 0}.icicle text{font:11px ui-monospace,monospace;fill:#1d232a;pointer-events:none}
.notes{border-left:3px solid #d5dbe1;padding:0 12px}.notes h3,.notes h4,.notes h5,.notes h6{margin:12px 0 4px}.notes h3{font-size:15px}.notes h4{font-size:14px}
.notes h5,.notes h6{font-size:13px}.notes p{margin:6px 0}
code{font:12px ui-monospace,monospace;background:#f1f4f7;padding:0 3px}pre code{background:none;padding:0}
.image-alt{color:#56606b;font-style:italic}
.icicle rect{stroke:#fff;stroke-width:.5}.sev-critical{color:#a11}.sev-warning{color:#a60}
@media print{pre{max-height:none}details{display:block}}
`;
