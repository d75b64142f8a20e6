import { createContext, useContext, type ReactNode } from 'react'
import type { Client } from '../bridge'

const ClientContext = createContext<Client | null>(null)

export function ClientProvider({ client, children }: { client: Client; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>
}

/** The typed bridge client; components never see which transport is behind it. */
export function useClient(): Client {
  const client = useContext(ClientContext)
  if (!client) throw new Error('useClient must be used inside <ClientProvider>')
  return client
}
