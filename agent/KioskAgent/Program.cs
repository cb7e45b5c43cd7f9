using KioskAgent.Hosting;

return await AgentProgram.RunAsync(args);
