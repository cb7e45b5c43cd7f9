namespace KioskAgent.Update.Supervisor;

/// <summary>One line the supervised agent sent on its notify socket ("READY=1"), or its exit (Exited, with the code).</summary>
public readonly record struct AgentNotice(string Line, int? ExitCode = null)
{
    public bool Exited => ExitCode is not null;
}
