// The Bridge.NET runtime inside the Kusto language service reads `global` (a Node-ism); in a
// module worker only `self` exists. This module must be imported before the service.
(self as unknown as { global: unknown }).global = self;

export {};
