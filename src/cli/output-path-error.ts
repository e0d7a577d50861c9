export { OutputPathError } from '../errors.js';
