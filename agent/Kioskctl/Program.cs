using Kioskctl;

return await KioskctlCommand.Create().Parse(args).InvokeAsync();
