// A small DocType meta, shaped as getdoctype returns it, for the tests.
export function reportMeta() {
  const fields = [
    { fieldname: 'unit', label: 'Unit', fieldtype: 'Link', options: 'DLXH Unit', reqd: 1, parent: 'Opinion Report' },
    { fieldname: 'report_type', label: 'Report Type', fieldtype: 'Select', options: 'Monthly\nAd hoc', reqd: 1, parent: 'Opinion Report' },
    { fieldname: 'report_request', label: 'Report Request', fieldtype: 'Link', options: 'Report Request', depends_on: "eval:doc.report_type=='Ad hoc'", mandatory_depends_on: "eval:doc.report_type=='Ad hoc'", parent: 'Opinion Report' },
    { fieldname: 'summary_section', label: 'Summary', fieldtype: 'Section Break', parent: 'Opinion Report' },
    { fieldname: 'period_month', label: 'Month', fieldtype: 'Int', reqd: 1, parent: 'Opinion Report' },
    { fieldname: 'column', fieldtype: 'Column Break', parent: 'Opinion Report' },
    { fieldname: 'items', label: 'Items', fieldtype: 'Table', options: 'Opinion Report Item', parent: 'Opinion Report' },
    { fieldname: 'workflow_state', label: 'State', fieldtype: 'Link', options: 'Workflow State', read_only: 1, parent: 'Opinion Report' },
  ]
  const itemFields = [
    { fieldname: 'topic', label: 'Topic', fieldtype: 'Link', options: 'Opinion Topic', reqd: 1, in_list_view: 1, parent: 'Opinion Report Item' },
    { fieldname: 'proposal', label: 'Proposal', fieldtype: 'Small Text', in_list_view: 1, parent: 'Opinion Report Item' },
  ]
  const item = { name: 'Opinion Report Item', fields: itemFields }
  return {
    name: 'Opinion Report',
    fields,
    children: { 'Opinion Report': { name: 'Opinion Report', fields }, 'Opinion Report Item': item },
    workflow: {
      states: [
        { state: 'Draft', allow_edit: 'DLXH Unit Officer' },
        { state: 'Draft', allow_edit: 'DLXH Unit Leader' },
        { state: 'Sent to City', allow_edit: 'DLXH City Officer' },
      ],
    },
    stateField: 'workflow_state',
    stateStyles: { Draft: '', 'Sent to City': 'Info' },
    field: (fieldname) => fields.find((f) => f.fieldname === fieldname),
  }
}
