namespace KioskAgent.Central.Fleet;

/// <summary>How bad a <see cref="DeviceProblem"/> is (ascending); absent and faulty devices count as faults.</summary>
public enum DeviceProblemLevel
{
    Degraded,
    Absent,
    Fault,
}
