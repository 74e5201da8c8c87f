/**
 * Inline CSS and script of verify.html (plain ES2017 for any modern browser, no imports).
 * The CSP of the page allows exactly these two by hash: nothing else can run or load.
 */

export const VERIFY_PAGE_CSS = String.raw`
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:24px;color:#222}
h1{font-size:20px}.meta{color:#555;font-size:13px}code{font-size:12px;word-break:break-all}
#drop{border:2px dashed #999;padding:12px 16px;margin:12px 0;border-radius:6px}#drop.over{background:#eef6ff}
label{display:inline-block;margin-right:24px}
table{border-collapse:collapse;width:100%;font-size:13px}td,th{border:1px solid #ccc;padding:4px 6px;text-align:left}
td.h{font-family:monospace;font-size:11px;word-break:break-all}td.n{text-align:right}
.ok{color:#137333;font-weight:bold}.bad{color:#c5221f;font-weight:bold}.warn{color:#b06000;font-weight:bold}
`;

export const VERIFY_PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var D = JSON.parse($('pack-data').textContent);
  function b64(s) { var b = atob(s), a = new Uint8Array(b.length); for (var i = 0; i < b.length; i++) a[i] = b.charCodeAt(i); return a; }
  function hex(buf) { return Array.prototype.map.call(new Uint8Array(buf), function (x) { return ('0' + x.toString(16)).slice(-2); }).join(''); }
  var mBytes = b64(D.manifest);
  var M = JSON.parse(new TextDecoder().decode(mBytes));
  var META = new Set(D.meta);
  var subtle = window.crypto && window.crypto.subtle;
  function osFile(p) {
    var s = p.split('/'), b = s[s.length - 1].toLowerCase();
    return /^(\.ds_store|thumbs\.db|desktop\.ini|ehthumbs\.db)$/.test(b) || b.indexOf('._') === 0 ||
      s.slice(0, -1).some(function (x) { return /^(__macosx|system volume information|\$recycle\.bin|\.spotlight-v100|\.trashes|\.fseventsd)$/i.test(x); });
  }
  function mark(td, cls, text) { td.className = 'st ' + cls; td.textContent = text; }

  (async function checkSignature() {
    var el = $('sig');
    if (!subtle) { mark(el, 'warn', '此浏览器不支持 WebCrypto（请用新版 Chrome、Edge 或 Firefox 打开）'); return; }
    try {
      var key = await subtle.importKey('spki', b64(D.publicKey), { name: 'Ed25519' }, false, ['verify']);
      var ok = await subtle.verify({ name: 'Ed25519' }, key, b64(D.signature), mBytes);
      if (ok) mark(el, 'ok', '签名有效：清单自签名后未被修改');
      else mark(el, 'bad', '签名无效：清单已被修改，或签名与公钥不匹配');
    } catch (e) {
      mark(el, 'warn', '此浏览器不支持 Ed25519 签名验证（请用新版 Chrome、Edge 或 Firefox）；下方的文件比对仍然有效');
    }
  })();

  async function sha256(file) { return hex(await subtle.digest('SHA-256', await file.arrayBuffer())); }

  async function check(list) {
    if (!subtle) { $('summary').textContent = '此浏览器不支持 WebCrypto，无法计算哈希。'; return; }
    var names = list.map(function (x) { return x.path; });
    var prefix = '';
    if (names.indexOf('manifest.json') < 0) {
      var hit = names.filter(function (n) { return /(^|\/)manifest\.json$/.test(n); }).sort(function (a, b) { return a.length - b.length; })[0];
      if (hit) prefix = hit.slice(0, hit.length - 'manifest.json'.length);
    }
    var files = new Map();
    list.forEach(function (x) { if (x.path.indexOf(prefix) === 0) files.set(x.path.slice(prefix.length), x.file); });
    var tbody = $('rows');
    Array.prototype.forEach.call(tbody.querySelectorAll('tr.extra'), function (r) { r.remove(); });
    var bad = { altered: 0, missing: 0, extra: 0 };
    var mf = files.get('manifest.json'), mtd = $('mrow').querySelector('.st');
    if (!mf) { mark(mtd, 'bad', '缺失'); bad.missing++; }
    else if ((await sha256(mf)) !== hex(await subtle.digest('SHA-256', mBytes))) { mark(mtd, 'bad', '已篡改'); bad.altered++; }
    else mark(mtd, 'ok', 'OK');
    var listed = new Set();
    for (var i = 0; i < M.entries.length; i++) {
      var e = M.entries[i], f = files.get(e.path), td = tbody.querySelector('tr[data-i="' + i + '"] .st');
      listed.add(e.path);
      $('summary').textContent = '正在校验… ' + (i + 1) + ' / ' + M.entries.length;
      if (!f) { mark(td, 'bad', '缺失'); bad.missing++; continue; }
      if (f.size !== e.size || (await sha256(f)) !== e.sha256) { mark(td, 'bad', '已篡改'); bad.altered++; continue; }
      mark(td, 'ok', 'OK');
    }
    Array.from(files.keys()).sort().forEach(function (p) {
      if (listed.has(p) || META.has(p) || osFile(p)) return;
      var tr = document.createElement('tr'); tr.className = 'extra';
      [p, String(files.get(p).size), ''].forEach(function (t) { var c = document.createElement('td'); c.textContent = t; tr.appendChild(c); });
      var st = document.createElement('td'); mark(st, 'bad', '多余'); tr.appendChild(st);
      tbody.appendChild(tr); bad.extra++;
    });
    var n = bad.altered + bad.missing + bad.extra, s = $('summary');
    if (n === 0) { s.className = 'ok'; s.textContent = '全部 ' + M.entries.length + ' 个文件与签名清单一致。'; }
    else { s.className = 'bad'; s.textContent = '发现 ' + n + ' 个问题：已篡改 ' + bad.altered + ' 个，缺失 ' + bad.missing + ' 个，多余 ' + bad.extra + ' 个。'; }
  }

  function fromInput(input) {
    var list = Array.prototype.map.call(input.files, function (f) { return { path: f.webkitRelativePath || f.name, file: f }; });
    check(list).catch(function (e) { $('summary').textContent = '校验出错：' + e; });
  }
  $('pickDir').addEventListener('change', function () { fromInput(this); });
  $('pickFiles').addEventListener('change', function () { fromInput(this); });

  function readAll(entry, out) {
    return new Promise(function (resolve, reject) {
      if (entry.isFile) { entry.file(function (f) { out.push({ path: entry.fullPath.replace(/^\//, ''), file: f }); resolve(); }, reject); return; }
      var reader = entry.createReader(), subs = [];
      (function more() {
        reader.readEntries(function (batch) {
          if (!batch.length) { Promise.all(subs).then(function () { resolve(); }, reject); return; }
          batch.forEach(function (x) { subs.push(readAll(x, out)); }); more();
        }, reject);
      })();
    });
  }
  var drop = $('drop');
  drop.addEventListener('dragover', function (ev) { ev.preventDefault(); drop.className = 'over'; });
  drop.addEventListener('dragleave', function () { drop.className = ''; });
  drop.addEventListener('drop', function (ev) {
    ev.preventDefault(); drop.className = '';
    var out = [], items = Array.prototype.slice.call(ev.dataTransfer.items || []);
    var entries = items.map(function (it) { return it.webkitGetAsEntry && it.webkitGetAsEntry(); }).filter(Boolean);
    var done = entries.length ? Promise.all(entries.map(function (x) { return readAll(x, out); }))
      : Promise.resolve(Array.prototype.forEach.call(ev.dataTransfer.files, function (f) { out.push({ path: f.name, file: f }); }));
    done.then(function () { return check(out); }).catch(function (e) { $('summary').textContent = '校验出错：' + e; });
  });
})();
`;
