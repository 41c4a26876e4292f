/** The application protocol a revision speaks, from its container port name (networking.ProtocolType). */
export type ProtocolType = 'http1' | 'h2c';
