import type { FieldSpec } from './field-spec'

/** The allowed values of a field, in words, for an error that names it. */
export function allowedOf(field: FieldSpec): string {
  switch (field.type) {
    case 'integer':
    case 'number':
    case 'decimalString': {
      const whole = field.type === 'integer' ? 'a whole number' : 'a number'
      const text = field.type === 'decimalString' ? ' (sent as text)' : ''
      if (field.min !== undefined && field.max !== undefined)
        return `${whole} ${field.min}–${field.max}${text}`
      if (field.min !== undefined) return `${whole} ≥ ${field.min}${text}`
      return `${whole}${text}`
    }
    case 'enum':
      return `one of ${field.options.map((option) => JSON.stringify(option.value)).join(', ')}`
    case 'string':
      return `text up to ${field.maxLength ?? 20_000} characters`
    case 'boolean':
      return 'true or false'
    case 'image':
    case 'url':
      return 'an http(s) link'
    case 'imageList':
      return `${field.minItems}–${field.maxItems} http(s) links`
  }
}
