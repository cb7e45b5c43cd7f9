namespace KioskAgent.Api.Technicians;

/// <summary>The answer to "may this caller use technician methods?", with a message meant for the caller.</summary>
public sealed record TechnicianAuthResult(TechnicianAuthOutcome Outcome, string Who, string Message)
{
    public bool Succeeded => Outcome == TechnicianAuthOutcome.Authorized;
}
