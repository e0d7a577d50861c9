export { FlagError } from '../errors.js';
