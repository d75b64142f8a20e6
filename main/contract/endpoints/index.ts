export * from './field-spec'
export * from './tool-rows'
export * from './tool-paths'
export * from './undocumented-tools'
