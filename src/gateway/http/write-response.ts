// The JSON writer is shared with the test kit's mock servers; its callers keep importing it here.
export { writeJsonResponse } from '../../core/http/write-json-response.js';
