using Microsoft.Extensions.Options;

namespace KioskAgent.CheckIn;

/// <summary>Checks <see cref="CheckInOptions"/>' ranges at start (source-generated from its attributes: no reflection over the options).</summary>
[OptionsValidator]
public sealed partial class CheckInOptionsValidator : IValidateOptions<CheckInOptions>
{
}
