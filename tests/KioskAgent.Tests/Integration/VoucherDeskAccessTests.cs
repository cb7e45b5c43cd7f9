using Grpc.Core;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// A member can never reach the voucher desk: with no staff session every call is refused, and the
/// Testing-only staff session setting does nothing on a production kiosk. Real agent process.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class VoucherDeskAccessTests
{
    [Fact]
    public async Task WithoutAStaffSession_EveryVoucherCall_IsPermissionDenied_EvenWithTheTestSessionSetInProduction()
    {
        await using var agent = await AgentProcess.StartAsync(new AgentSettings
        {
            // The agent runs as Production (AgentProcess's default): the setting must be ignored.
            Extra = new Dictionary<string, string> { ["Staff__TestSession__StaffId"] = "intruder" },
        });
        var desk = new KioskAgent.Contracts.V1.VoucherService.VoucherServiceClient(agent.Channel);

        var calls = new Func<Task>[]
        {
            () => desk.OpenVoucherDeskAsync(new OpenVoucherDeskRequest()).ResponseAsync,
            () => desk.LookupVoucherAsync(new LookupVoucherRequest { Code = "2222-2222" }).ResponseAsync,
            () => desk.MarkVoucherUsedAsync(new MarkVoucherUsedRequest { Code = "2222-2222" }).ResponseAsync,
            () => desk.CloseVoucherDeskAsync(new CloseVoucherDeskRequest()).ResponseAsync,
        };
        foreach (var call in calls)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        }

        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Idle, (await ScreenReader.CurrentAsync(agent.Channel)).ViewCase);
    }
}
