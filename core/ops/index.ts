/**
 * Actor operations: the evaluator of every op, one file per actor, registered on import. Each judges
 * a step from its bytes against the verifier-side memory (evaluate.ts); recording and
 * re-verification run the same code. Imports run one way: flows/ (which drive the actors) import
 * ops/; ops/ imports the lower rooms (codec, crypto, authenticator, ua, rp) and never flows/.
 */
import './people.js';
import './ua.js';
import './authenticator.js';
import './rp.js';
import './bank.js';
import './phone.js';
import './push.js';
import './otp.js';
import './carrier.js';
