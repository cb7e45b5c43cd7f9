using Microsoft.Extensions.Options;

namespace KioskAgent.Vouchers;

/// <summary>Checks <see cref="VoucherDeskOptions"/>' ranges at start (source-generated from its attributes).</summary>
[OptionsValidator]
public sealed partial class VoucherDeskOptionsValidator : IValidateOptions<VoucherDeskOptions>
{
}
