namespace KioskAgent.Api.Technicians;

/// <summary>
/// Marks a gRPC service or method as a technician method: callers must present technician
/// credentials. Everything else on the loopback API (the UI's own calls) stays open.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class RequiresTechnicianAttribute : Attribute;
