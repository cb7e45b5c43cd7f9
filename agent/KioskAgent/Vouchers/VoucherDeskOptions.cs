using System.ComponentModel.DataAnnotations;

namespace KioskAgent.Vouchers;

/// <summary>The staff voucher desk (section <c>Vouchers</c>).</summary>
public sealed class VoucherDeskOptions
{
    public const string Section = "Vouchers";

    /// <summary>How long to wait for central's answer about a voucher before saying it cannot be checked now.</summary>
    [Range(1, 30)]
    public int CentralTimeoutSeconds { get; set; } = 5;

    /// <summary>The desk goes back to idle after this long without a step.</summary>
    [Range(15, 900)]
    public int ClearAfterSeconds { get; set; } = 120;

    /// <summary>The largest VoucherAnswer accepted from central; bigger ones are dead-lettered unread.</summary>
    [Range(1024, 65536)]
    public int MaxAnswerBytes { get; set; } = 8192;
}
