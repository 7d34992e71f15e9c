import { slugOf } from '../../meta'

/** Where a document opens in the web app. */
export const formRoute = (doctype, name) => ({ name: 'form', params: { slug: slugOf(doctype), name } })
/** A DocType's list, with filters as the list page reads them from the query. */
export const listRoute = (doctype, query = {}) => ({ name: 'list', params: { slug: slugOf(doctype) }, query })
