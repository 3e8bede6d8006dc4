/** The biometric-only flow is defined with the device-key flow in mobile.ts (one simulation, two variants). */
import './mobile.js';
