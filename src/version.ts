// The version telltale reports about itself; kept in step with package.json by a test.

export const toolVersion = '0.1.0';
