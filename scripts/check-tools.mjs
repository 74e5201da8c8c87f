#!/usr/bin/env node
// Checks the system tools the tests use (real parts: sshd, chromium, poppler, LibreOffice…)
// and installs the missing ones from Debian's apt when running as root. Otherwise prints the
// exact command to run. Used by `npm test` and by .ci/run.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const TOOLS = [
  { pkg: 'chromium', test: () => fs.existsSync('/usr/bin/chromium') },
  { pkg: 'fonts-noto-cjk', test: () => spawnSync('dpkg', ['-s', 'fonts-noto-cjk'], { stdio: 'ignore' }).status === 0 },
  { pkg: 'openssh-server', test: () => fs.existsSync('/usr/sbin/sshd') },
  { pkg: 'openssh-client', test: () => fs.existsSync('/usr/bin/ssh-keygen') },
  { pkg: 'iputils-ping', test: () => fs.existsSync('/usr/bin/ping') || fs.existsSync('/bin/ping') },
  { pkg: 'poppler-utils', test: () => fs.existsSync('/usr/bin/pdftotext') && fs.existsSync('/usr/bin/pdfsig') },
  { pkg: 'sqlite3', test: () => fs.existsSync('/usr/bin/sqlite3') },
  { pkg: 'iproute2', test: () => fs.existsSync('/usr/sbin/ip') || fs.existsSync('/sbin/ip') || fs.existsSync('/usr/bin/ip') },
  { pkg: 'e2fsprogs', test: () => fs.existsSync('/usr/sbin/mkfs.ext4') && fs.existsSync('/usr/sbin/filefrag') },
  { pkg: 'openssl', test: () => fs.existsSync('/usr/bin/openssl') },
  { pkg: 'libreoffice-calc-nogui', test: () => fs.existsSync('/usr/bin/soffice'), noRecommends: true },
];

const missing = TOOLS.filter((t) => !t.test());
if (missing.length === 0) process.exit(0);
const names = missing.map((m) => m.pkg);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = fs.existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt) {
  console.error(`测试需要以下系统软件包 / the tests need these system packages: ${names.join(' ')}\n` +
    `请运行 / run: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${names.join(' ')}`);
  process.exit(1);
}
console.error(`Installing system packages for the tests: ${names.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
const plain = missing.filter((m) => !m.noRecommends).map((m) => m.pkg);
const bare = missing.filter((m) => m.noRecommends).map((m) => m.pkg);
if (plain.length) execFileSync('apt-get', ['install', '-y', '-qq', ...plain], { stdio: 'inherit', env });
if (bare.length) execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...bare], { stdio: 'inherit', env });
const still = TOOLS.filter((t) => !t.test()).map((t) => t.pkg);
if (still.length) {
  console.error(`Still missing after install: ${still.join(' ')}`);
  process.exit(1);
}
