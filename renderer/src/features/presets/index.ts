export { UseAsPreviewDialog } from './UseAsPreviewDialog'
