/**
 * The example "Open response…" starts from: a real ES256 assertion (SimpleWebAuthn's server test
 * "should verify an assertion response", MasterKale/SimpleWebAuthn@803d1da, also in
 * test/vectors/simplewebauthn.json), as a bare PublicKeyCredential JSON, with what its relying
 * party expected and the public key it stored at registration.
 */
export const EXAMPLE_CREDENTIAL = {
  "id": "KEbWNCc7NgaYnUyrNeFGX9_3Y-8oJ3KwzjnaiD1d1LVTxR7v3CaKfCz2Vy_g_MHSh7yJ8yL0Pxg6jo_o0hYiew",
  "rawId": "KEbWNCc7NgaYnUyrNeFGX9_3Y-8oJ3KwzjnaiD1d1LVTxR7v3CaKfCz2Vy_g_MHSh7yJ8yL0Pxg6jo_o0hYiew",
  "type": "public-key",
  "response": {
    "clientDataJSON": "eyJjaGFsbGVuZ2UiOiJkRzkwWVd4c2VWVnVhWEYxWlZaaGJIVmxSWFpsY25sVWFXMWwiLCJjbGllbnRFeHRlbnNpb25zIjp7fSwiaGFzaEFsZ29yaXRobSI6IlNIQS0yNTYiLCJvcmlnaW4iOiJodHRwczovL2Rldi5kb250bmVlZGEucHciLCJ0eXBlIjoid2ViYXV0aG4uZ2V0In0",
    "authenticatorData": "PdxHEOnAiLIp26idVjIguzn3Ipr_RlsKZWsa-5qK-KABAAAAkA",
    "signature": "MEUCIQDYXBOpCWSWq2Ll4558GJKD2RoWg958lvJSB_GdeokxogIgWuEVQ7ee6AswQY0OsuQ6y8Ks6jhd45bDx92wjXKs900"
  },
  "clientExtensionResults": {}
};

export const EXAMPLE_EXPECTED = {
  "rpId": "dev.dontneeda.pw",
  "origin": "https://dev.dontneeda.pw",
  "challenge": "dG90YWxseVVuaXF1ZVZhbHVlRXZlcnlUaW1l",
  "userVerification": "preferred",
  "storedSignCount": 143
};

/** The COSE_Key (base64url) the relying party stored for this credential at registration. */
export const EXAMPLE_PUBLIC_KEY = "pQECAyYgASFYIIheFp-u6GvFT2LNGovf3ZrT0iFVBsA_76rRysxRG9A1Ilgg8WGeA6hPmnab0HAViUYVRkwTNcN77QBf_RR0dv3lIvQ";
