using KioskAgent.Contracts.V1;
using KioskAgent.Journal;

namespace KioskAgent.Provisioning;

/// <summary>
/// Records every provisioning call that reached the service: a journal transaction (so central
/// sees who provisioned what, exactly once) and a log line. Neither ever carries a secret: the
/// detail names keys and versions, not values. Calls refused before the service (no certificate)
/// are only logged and counted by <see cref="ProvisioningGuard"/>, so that nobody on the LAN can
/// fill the journal.
/// </summary>
public sealed partial class ProvisioningAuditTrail(TransactionJournal journal, TimeProvider time, ILogger<ProvisioningAuditTrail> logger)
{
    public const string Kind = "provisioning_audit";

    public async Task RecordAsync(string method, TechnicianRecord? technician, string outcome, string detail, string remoteAddress)
    {
        var audit = new Contracts.V1.ProvisioningAudit
        {
            Method = method,
            Technician = technician?.Name ?? "",
            CertificateSerial = technician?.Serial ?? "",
            Outcome = outcome,
            Detail = detail.Length > 500 ? detail[..500] + "…" : detail,
            RemoteAddress = remoteAddress,
        };
        LogCall(method, audit.Technician.Length > 0 ? audit.Technician : "(enrolling)", outcome, audit.Detail, remoteAddress);
        try
        {
            await journal.AppendAsync(new Transaction { ProvisioningAudit = audit }, Kind, time.GetUtcNow()).ConfigureAwait(false);
        }
        catch (JournalUnavailableException ex)
        {
            LogNotJournaled(method, ex.Fault.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Provisioning {Method} by {Technician}: {Outcome} {Detail} (from {Remote})")]
    private partial void LogCall(string method, string technician, string outcome, string detail, string remote);

    [LoggerMessage(Level = LogLevel.Error, Message = "Provisioning {Method} could not be journaled: {Reason}")]
    private partial void LogNotJournaled(string method, string reason);
}
