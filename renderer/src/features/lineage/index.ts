export { LineageChain } from './LineageChain'
export { nextOrigin, setNextOrigin, useOriginStore } from './origin-store'
export { loadLineage } from './use-lineage'
