namespace KioskAgent.Vouchers;

/// <summary>
/// Thrown inside the journal's commit when the voucher has a use already: the commit rolls back
/// (no VoucherUse transaction, no second use). Not a journal fault.
/// </summary>
public sealed class VoucherAlreadyUsedException(string voucherCode) : Exception($"Voucher {voucherCode[..2]}** is used already.")
{
}
