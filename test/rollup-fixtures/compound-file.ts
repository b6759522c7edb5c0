/** A minimal OLE2 compound file (512-byte sectors: header, one FAT sector, one directory sector) holding the named streams: how Excel wraps a password-protected workbook, and how an .xls file is made. */
export function compoundFile(streams: string[]): Uint8Array {
  const bytes = new Uint8Array(512 * 3);
  const dv = new DataView(bytes.buffer);
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].forEach((b, i) => (bytes[i] = b));
  dv.setUint16(24, 0x3e, true);
  dv.setUint16(26, 3, true);
  dv.setUint16(28, 0xfffe, true);
  dv.setUint16(30, 9, true);
  dv.setUint16(32, 6, true);
  dv.setUint32(44, 1, true); // one FAT sector
  dv.setUint32(48, 1, true); // directory starts at sector 1
  dv.setUint32(56, 4096, true);
  dv.setUint32(60, 0xfffffffe, true);
  dv.setUint32(68, 0xfffffffe, true);
  for (let i = 0; i < 109; i++) dv.setUint32(76 + i * 4, i === 0 ? 0 : 0xffffffff, true);
  const fat = 512;
  for (let i = 0; i < 128; i++) dv.setUint32(fat + i * 4, 0xffffffff, true);
  dv.setUint32(fat, 0xfffffffd, true); // sector 0 is the FAT
  dv.setUint32(fat + 4, 0xfffffffe, true); // sector 1 (directory) ends its chain
  ["Root Entry", ...streams].forEach((name, e) => {
    const at = 1024 + e * 128;
    for (let k = 0; k < name.length; k++) dv.setUint16(at + k * 2, name.charCodeAt(k), true);
    dv.setUint16(at + 64, (name.length + 1) * 2, true);
    bytes[at + 66] = e === 0 ? 5 : 2;
  });
  return bytes;
}

