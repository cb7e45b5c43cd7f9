using Grpc.Core;
using KioskAgent.Contracts.V1;
using KioskAgent.Provisioning;
using Microsoft.Extensions.Options;

namespace KioskAgent.Update;

/// <summary>
/// <c>kioskctl update FILE</c>: the technician's way in (protos/kiosk/v1/update.proto), on the
/// provisioning listener only (<see cref="ProvisioningGuard"/> checks the client certificate), audited
/// like every provisioning call.
/// </summary>
public sealed class AgentUpdateGrpcService(
    UpdateInstaller installer,
    UpdatePaths paths,
    IOptions<UpdateOptions> options,
    ProvisioningAuditTrail audit,
    IHostApplicationLifetime lifetime) : AgentUpdateService.AgentUpdateServiceBase
{
    public const string Source = "technician";

    public override async Task<ApplyUpdateResponse> ApplyUpdate(IAsyncStreamReader<ApplyUpdateRequest> requestStream, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var technician = ProvisioningGuard.Technician(http);
        var remote = http.Connection.RemoteIpAddress?.ToString() ?? "";
        try
        {
            var path = UpdateIncoming.NewFile(paths.Slots);
            try
            {
                await using var received = new ChunkStream(requestStream, context.CancellationToken);
                await UpdateIncoming.CopyBoundedAsync(received, path, options.Value.MaxBundleBytes, context.CancellationToken).ConfigureAwait(false);
            }
            catch (UpdateRefusedException ex)
            {
                File.Delete(path);
                await installer.RefuseAsync(ex, Source).ConfigureAwait(false);
                throw;
            }

            var trial = await installer.StageAsync(path, Source, context.CancellationToken).ConfigureAwait(false);
            await audit.RecordAsync("ApplyUpdate", technician, "ok", $"staged build {trial.Build} in slot {trial.Slot}", remote).ConfigureAwait(false);
            FactoryReset.RestartSoon(lifetime);
            return new ApplyUpdateResponse { Version = trial.Version, Build = trial.Build, Slot = trial.Slot };
        }
        catch (UpdateRefusedException ex)
        {
            await audit.RecordAsync("ApplyUpdate", technician, ex.Code, $"build {ex.Manifest?.Build ?? 0} refused", remote).ConfigureAwait(false);
            var status = ex.Reason is UpdateRefusal.Busy or UpdateRefusal.NotSupervised or UpdateRefusal.NoKey ? StatusCode.FailedPrecondition : StatusCode.InvalidArgument;
            throw new RpcException(new Status(status, $"{ex.Code}: {ex.Message}"));
        }
    }

    public override Task<GetUpdateStatusResponse> GetUpdateStatus(GetUpdateStatusRequest request, ServerCallContext context)
    {
        var state = paths.Slots.LoadState();
        var response = new GetUpdateStatusResponse
        {
            Version = UpdateInstaller.Running.Version,
            Build = UpdateInstaller.Running.Build,
            Slot = paths.Slots.CurrentSlot() ?? UpdateSlots.Factory,
            TrialBuild = state.Trial?.Build ?? 0,
        };
        response.BadBuilds.AddRange(state.BadBuilds);
        return Task.FromResult(response);
    }

    /// <summary>The client's chunks as one read-only stream.</summary>
    private sealed class ChunkStream(IAsyncStreamReader<ApplyUpdateRequest> chunks, CancellationToken cancellationToken) : Stream
    {
        private ReadOnlyMemory<byte> _pending;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken token = default)
        {
            while (_pending.IsEmpty)
            {
                if (!await chunks.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                    return 0;
                }

                _pending = chunks.Current.Data.Memory;
            }

            var n = Math.Min(buffer.Length, _pending.Length);
            _pending[..n].CopyTo(buffer);
            _pending = _pending[n..];
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
