/** The device-key flow is defined with the biometric-only flow in mobile.ts (one simulation, two variants). */
import './mobile.js';
