namespace Kioskctl.Fleet;

/// <summary>Exit codes of the fleet commands, for scripts.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The kiosk answered with an error, the simulated fleet left transactions unacknowledged, or bad usage.</summary>
    public const int Failed = 1;

    /// <summary>No answer within the timeout.</summary>
    public const int Timeout = 3;

    /// <summary>The broker could not be reached or refused the connection.</summary>
    public const int Unreachable = 4;
}
