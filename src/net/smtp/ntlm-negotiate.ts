// The NTLM NEGOTIATE (type 1) message we send to make a server show its CHALLENGE (type 2), per MS-NLMP
// §2.2.1.1: no domain, no workstation, so it discloses nothing about us.

const flags =
  0x00000001 | // NTLMSSP_NEGOTIATE_UNICODE
  0x00000002 | // NTLM_NEGOTIATE_OEM
  0x00000004 | // NTLMSSP_REQUEST_TARGET
  0x00000200 | // NTLMSSP_NEGOTIATE_NTLM
  0x00008000 | // NTLMSSP_NEGOTIATE_ALWAYS_SIGN
  0x00080000 | // NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY
  0x00800000 | // NTLMSSP_NEGOTIATE_TARGET_INFO
  0x20000000 | // NTLMSSP_NEGOTIATE_128
  0x80000000; // NTLMSSP_NEGOTIATE_56

export function ntlmNegotiateMessage(): Buffer {
  const message = Buffer.alloc(32);
  message.write('NTLMSSP\0', 0, 'latin1');
  message.writeUInt32LE(1, 8);
  message.writeUInt32LE(flags >>> 0, 12);
  // DomainNameFields and WorkstationFields (8 bytes each) stay zero: empty, offset 0.
  return message;
}

/** Base64 as RFC 4954 wants it; undefined when the text is not base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed))
    return undefined;
  return new Uint8Array(Buffer.from(trimmed, 'base64'));
}
