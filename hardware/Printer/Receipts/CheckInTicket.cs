namespace KioskAgent.Hardware.Printer.Receipts;

/// <summary>签到凭证: an accepted check-in; <see cref="TicketId"/> is printed as a CODE128 barcode.</summary>
public sealed record CheckInTicket(
    string StoreName,
    string ActivityName,
    string MaskedName,
    int Sequence,
    int PointsAwarded,
    DateTimeOffset CheckedInAt,
    string TicketId);
