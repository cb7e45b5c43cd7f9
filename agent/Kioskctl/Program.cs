using KioskAgent.Contracts;
using Kioskctl;

// Protobuf descriptors are built here, on one thread, before any command runs (see ContractDescriptors).
_ = ContractDescriptors.Initialize();
return await KioskctlCommand.Create().Parse(args).InvokeAsync();
