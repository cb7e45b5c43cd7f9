using KioskAgent.Hosting;
using KioskAgent.Update.Supervisor;

return args is ["supervise", .. var rest] ? await UpdateSupervisor.RunAsync(rest) : await AgentProgram.RunAsync(args);
