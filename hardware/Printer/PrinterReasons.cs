namespace KioskAgent.Hardware.Printer;

/// <summary>The reasons a printer's health or a failed job can carry. Stable: ops dashboards key on them.</summary>
public static class PrinterReasons
{
    public const string Ok = "ok";
    public const string NotChecked = "not_checked";
    public const string PaperNearEnd = "paper_near_end";
    public const string PaperEnd = "paper_end";
    public const string CoverOpen = "cover_open";
    public const string Offline = "offline";
    public const string PrinterError = "printer_error";
    public const string AutocutterError = "autocutter_error";
    public const string NotConnected = "not_connected";
    public const string PermissionDenied = "permission_denied";
    public const string NoStatusReply = "no_status_reply";
    public const string GarbledStatus = "garbled_status";
    public const string WriteFailed = "write_failed";
    public const string QueueFull = "queue_full";
    public const string Stopped = "stopped";
}
