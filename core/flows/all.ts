/**
 * Importing this module registers every flow. Entry points (CLI, renderer, tests) import it once;
 * the flow modules themselves stay free of a central list.
 */
import './biometricOnly.js';
import './deviceKey.js';
import './webauthn.js';
import './push.js';
import './otp.js';
