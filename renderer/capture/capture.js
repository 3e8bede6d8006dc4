// The capture page's script (served with a CSP that allows no inline script). It asks Proofline's
// relying party for options, calls navigator.credentials.create/get with them, and posts the
// browser's answer back; Proofline records and verifies it. Plain JS, no build step.

const b64url = {
  encode(buf) {
    const bytes = new Uint8Array(buf);
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  },
  decode(text) {
    const s = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
    return Uint8Array.from(s, (c) => c.charCodeAt(0));
  },
};

async function api(path, body) {
  const init = body === undefined ? { method: 'GET' } : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(`api/${path}`, init);
  const json = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
  if (!res.ok) throw new Error(json.error || `HTTP ${res.status}`);
  return json;
}

function credentialJSON(cred) {
  const r = cred.response;
  const response = { clientDataJSON: b64url.encode(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = b64url.encode(r.attestationObject);
    if (typeof r.getTransports === 'function') response.transports = r.getTransports();
  }
  if (r.authenticatorData) response.authenticatorData = b64url.encode(r.authenticatorData);
  if (r.signature) response.signature = b64url.encode(r.signature);
  if (r.userHandle) response.userHandle = b64url.encode(r.userHandle);
  return { id: cred.id, rawId: b64url.encode(cred.rawId), type: cred.type, response, authenticatorAttachment: cred.authenticatorAttachment ?? null };
}

function creationOptions(o) {
  return { ...o, challenge: b64url.decode(o.challenge), user: { ...o.user, id: b64url.decode(o.user.id) } };
}

function requestOptions(o) {
  return { challenge: b64url.decode(o.challenge), rpId: o.rpId, userVerification: o.userVerification, timeout: 120000, allowCredentials: o.allowCredentials.map((id) => ({ type: 'public-key', id: b64url.decode(id) })) };
}

function say(id, text, kind) {
  const el = document.getElementById(id);
  el.textContent = text;
  el.dataset.kind = kind || '';
}

function picked(name) {
  return document.querySelector(`input[name="${name}"]:checked`).value;
}

async function refresh() {
  const s = await api('state');
  document.getElementById('amount').textContent = s.action.amount ? `${s.action.amount.value} ${s.action.amount.currency}` : '—';
  document.getElementById('payee').textContent = s.action.payee || '—';
  const registered = s.phase !== 'register';
  document.getElementById('register-button').disabled = registered;
  for (const input of document.querySelectorAll('#register input, #register select')) input.disabled = registered;
  document.getElementById('approve-button').disabled = s.phase !== 'approve';
  document.getElementById('finish-button').disabled = s.steps === 0 || s.phase === 'done';
  const link = document.getElementById('lookalike-link');
  const origin = s.lookAlike.url;
  document.getElementById('lookalike-origin').textContent = origin;
  const canTry = registered && s.phase !== 'failed' && s.phase !== 'done' && !s.lookAlike.done;
  if (canTry) {
    link.href = `${origin}${location.pathname}lookalike`;
    link.removeAttribute('aria-disabled');
  } else {
    link.removeAttribute('href');
    link.setAttribute('aria-disabled', 'true');
  }
  // The browser's own verdict; the rule's reasoning after it is in the trace (the step's check).
  if (s.lookAlike.done) say('lookalike-result', `Recorded. ${s.lookAlike.outcome.split('; the rule says')[0]}.`.replace(/\.\.$/, '.'), 'done');
  if ((s.phase === 'approved' || s.phase === 'done') && s.outcome && !document.getElementById('approve-result').textContent) say('approve-result', s.outcome, 'ok');
  if (s.phase === 'done') say('finish-result', 'Done. Proofline is writing the trace; you can close this tab.', 'ok');
  return s;
}

async function register() {
  say('register-result', 'Waiting for your authenticator…');
  try {
    const { publicKey } = await api('register/options', { userVerification: picked('uv'), binding: picked('binding'), algorithm: document.getElementById('algorithm').value });
    const cred = await navigator.credentials.create({ publicKey: creationOptions(publicKey) });
    const r = await api('register', credentialJSON(cred));
    const d = r.device;
    say('register-result', r.verdict === 'accepted'
      ? `Registered. AAGUID ${d.aaguid}, ${d.attestationFormat} attestation: ${d.evidence}.`
      : `The RP rejected the registration: ${(r.checks.find((c) => c.status === 'fail') || {}).detail || 'see the trace'}.`, r.verdict === 'accepted' ? 'ok' : 'fail');
  } catch (e) {
    say('register-result', `${e.name === 'NotAllowedError' ? 'Cancelled or timed out' : e.name || 'Error'}: ${e.message}. You can try again.`, 'fail');
  }
  await refresh();
}

async function approve() {
  say('approve-result', 'Waiting for your authenticator…');
  try {
    const { publicKey } = await api('approve/options', {});
    const cred = await navigator.credentials.get({ publicKey: requestOptions(publicKey) });
    const r = await api('approve', credentialJSON(cred));
    say('approve-result', r.sentence, r.outcome === 'ok' ? 'ok' : 'fail');
  } catch (e) {
    say('approve-result', `${e.name === 'NotAllowedError' ? 'Cancelled or timed out' : e.name || 'Error'}: ${e.message}. You can try again.`, 'fail');
  }
  await refresh();
}

async function finish() {
  try {
    await api('finish', {});
  } catch (e) {
    say('finish-result', e.message, 'fail');
  }
  await refresh();
}

async function tryLookAlike() {
  say('try-result', 'Asking your browser…');
  let result;
  try {
    const { publicKey } = await api('lookalike/options', {});
    try {
      const cred = await navigator.credentials.get({ publicKey: requestOptions(publicKey) });
      result = { credential: credentialJSON(cred) };
    } catch (e) {
      result = { error: { name: String(e.name || 'Error').slice(0, 100), message: String(e.message || '').slice(0, 1000) } };
    }
    const r = await api('lookalike/result', result);
    say('try-result', `Recorded. ${r.sentence}`, r.outcome === 'blocked' ? 'ok' : 'fail');
    document.getElementById('try-button').disabled = true;
  } catch (e) {
    say('try-result', e.message, 'fail');
  }
}

if (document.body.dataset.page === 'lookalike') {
  document.getElementById('here').textContent = location.origin;
  const back = document.getElementById('back-link');
  back.href = `http://localhost:${location.port}${location.pathname.replace(/lookalike$/, '')}`;
  document.getElementById('try-button').addEventListener('click', tryLookAlike);
} else {
  document.getElementById('register-button').addEventListener('click', register);
  document.getElementById('approve-button').addEventListener('click', approve);
  document.getElementById('finish-button').addEventListener('click', finish);
  refresh().catch((e) => say('register-result', e.message, 'fail'));
}
