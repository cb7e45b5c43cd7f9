using KioskAgent.Contracts.Staff;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Demo;

/// <summary>
/// The demo's staff card and PIN (README, demo section): tap "演示店长 Demo staff" on the demo panel,
/// then enter <see cref="Pin"/>. A supervisor, so every staff feature shows.
/// </summary>
public static class DemoStaff
{
    public const string CardUid = "5AFF0001";
    public const string Pin = "2468";
    public const string Label = "演示店长 Demo staff";

    private static readonly Lazy<StaffRecord> Record = new(() => new StaffRecord
    {
        StaffId = "demo-staff",
        CardUid = CardUid,
        Name = "演示店长 Demo Manager",
        Role = "supervisor",
        PinHash = StaffPinHash.Hash(Pin),
    });

    public static IReadOnlyList<StaffRecord> All => [Record.Value];
}
