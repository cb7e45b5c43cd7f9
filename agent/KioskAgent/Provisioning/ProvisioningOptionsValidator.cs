using System.Net;
using Microsoft.Extensions.Options;

namespace KioskAgent.Provisioning;

/// <summary>Checks <see cref="ProvisioningOptions"/> at start; each message names its key.</summary>
public sealed class ProvisioningOptionsValidator : IValidateOptions<ProvisioningOptions>
{
    public ValidateOptionsResult Validate(string? name, ProvisioningOptions options)
    {
        var failures = new List<string>();
        if (!IPAddress.TryParse(options.Address, out _))
        {
            failures.Add("Provisioning:Address must be an IP address (0.0.0.0 for every interface).");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add("Provisioning:Port must be 1-65535.");
        }

        if (options.EnrollmentCodeDigits is < 8 or > 10)
        {
            failures.Add("Provisioning:EnrollmentCodeDigits must be 8-10.");
        }

        if (options.EnrollmentCodeMinutes is < 1 or > 60)
        {
            failures.Add("Provisioning:EnrollmentCodeMinutes must be 1-60.");
        }

        if (options.EnrollmentCodeTries is < 1 or > 10)
        {
            failures.Add("Provisioning:EnrollmentCodeTries must be 1-10.");
        }

        if (options.CertificateDays is < 1 or > 3650)
        {
            failures.Add("Provisioning:CertificateDays must be 1-3650.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
