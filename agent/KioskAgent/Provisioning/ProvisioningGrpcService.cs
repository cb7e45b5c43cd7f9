using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using KioskAgent.Api;
using KioskAgent.Api.Refusals;
using KioskAgent.Commands.Logs;
using KioskAgent.Contracts.V1;
using KioskAgent.Devices.Health;
using KioskAgent.Hosting;
using KioskAgent.Taps;
using Microsoft.Extensions.Options;

namespace KioskAgent.Provisioning;

/// <summary>
/// The provisioning API (protos/kiosk/v1/provisioning.proto). <see cref="ProvisioningGuard"/> has
/// already checked the caller's certificate; every call that reaches a method is audited
/// (<see cref="ProvisioningAuditTrail"/>) with its outcome, and no answer or audit carries a secret.
/// </summary>
public sealed partial class ProvisioningGrpcService(
    EnrollmentCodes codes,
    EnrollmentStore store,
    TechnicianCertificates certificates,
    KioskKey key,
    ProvisionedConfigService config,
    ProvisioningAuditTrail audit,
    DeviceHealthRegistry health,
    SelfTests selfTests,
    RecentLogs logs,
    SupportBundle bundle,
    FactoryReset reset,
    IOptions<KioskOptions> kiosk,
    IHostApplicationLifetime lifetime,
    TimeProvider time) : Contracts.V1.Provisioning.ProvisioningBase
{
    public const int BundleChunkBytes = 64 * 1024;

    public override async Task<EnrollResponse> Enroll(EnrollRequest request, ServerCallContext context)
    {
        // Shape first, and not journaled: only a checked code is worth (and bounded enough for) an audit entry.
        var name = request.TechnicianName.Trim();
        if (name.Length is 0 or > 64 || name.Any(char.IsControl))
        {
            throw Invalid("technician_name must be 1-64 characters without control characters");
        }

        if (request.Code.Length is 0 or > 16)
        {
            throw Invalid("code must be the digits shown on the kiosk's screen");
        }

        if (TechnicianCertificates.Problem(request.CsrPem, out var csr) is { } problem)
        {
            throw Invalid(problem);
        }

        return await Audited(context, "Enroll", _ =>
        {
            var attempt = codes.TryRedeem(request.Code);
            if (!attempt.Accepted)
            {
                throw Refusal.Create(StatusCode.PermissionDenied, RefusalReason.EnrollmentRefused, attempt.Refusal);
            }

            using var issued = certificates.Issue(csr!, name, attempt.Role);
            var technician = new TechnicianRecord(name, attempt.Role, issued.SerialNumber, time.GetUtcNow());
            store.Add(technician);
            var response = new EnrollResponse
            {
                CertificatePem = issued.ExportCertificatePem(),
                KioskCertificatePem = key.CertificatePem,
                KioskId = kiosk.Value.KioskId,
                Role = attempt.Role,
            };
            return Done(response, $"enrolled {name} as {attempt.Role}, certificate {issued.SerialNumber}");
        }).ConfigureAwait(false);
    }

    public override Task<GetStatusResponse> GetStatus(GetStatusRequest request, ServerCallContext context) =>
        Audited(context, "GetStatus", _ =>
        {
            var response = new GetStatusResponse
            {
                KioskId = kiosk.Value.KioskId,
                SiteId = kiosk.Value.SiteId,
                AgentVersion = AgentVersion.Current,
                Enrolled = store.IsEnrolled,
                Fingerprint = key.Fingerprint,
                ConfigVersion = config.State.AppliedVersion,
            };
            response.Technicians.AddRange(store.All.Select(ToEnrolled));
            return Done(response, "");
        });

    public override Task<OpenEnrollmentResponse> OpenEnrollment(OpenEnrollmentRequest request, ServerCallContext context) =>
        Audited(context, "OpenEnrollment", technician =>
        {
            RequireSupervisor(technician);
            var role = request.Role.Length == 0 ? TechnicianRecord.Technician : request.Role;
            if (role is not (TechnicianRecord.Technician or TechnicianRecord.Supervisor))
            {
                throw Invalid("role must be 'technician' or 'supervisor'");
            }

            var opened = codes.Open(role);
            return Done(new OpenEnrollmentResponse { Code = opened.Code, ExpiresAt = Timestamp.FromDateTimeOffset(opened.ExpiresAt) }, $"opened for a {role}");
        });

    public override Task<RevokeTechnicianResponse> RevokeTechnician(RevokeTechnicianRequest request, ServerCallContext context) =>
        Audited(context, "RevokeTechnician", technician =>
        {
            RequireSupervisor(technician);
            if (request.CertificateSerial.Length is 0 or > 64 || !request.CertificateSerial.All(char.IsAsciiHexDigit))
            {
                throw Invalid("certificate_serial must be the hex serial GetStatus lists");
            }

            var revoked = store.Remove(request.CertificateSerial)
                ?? throw new KeyNotFoundException("no technician with that certificate serial is enrolled (see GetStatus)");
            var response = new RevokeTechnicianResponse { Revoked = ToEnrolled(revoked) };
            response.Technicians.AddRange(store.All.Select(ToEnrolled));
            return Done(response, $"revoked {revoked.Name} ({revoked.Role}), certificate {revoked.Serial}");
        });

    public override Task<ConfigChangeResponse> SetIdentity(SetIdentityRequest request, ServerCallContext context) =>
        Audited(context, "SetIdentity", _ => Changed(config.Set(NonEmpty(new()
        {
            ["Kiosk:KioskId"] = request.KioskId,
            ["Kiosk:SiteId"] = request.SiteId,
            ["Kiosk:TimeZone"] = request.TimeZone,
            ["Kiosk:Language"] = request.Language,
        }))));

    public override Task<ConfigChangeResponse> SetCentral(SetCentralRequest request, ServerCallContext context) =>
        Audited(context, "SetCentral", _ =>
        {
            var changes = NonEmpty(new()
            {
                ["Central:Host"] = request.Host,
                ["Central:Port"] = request.Port == 0 ? "" : request.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Central:Username"] = request.Username,
                ["Central:Password"] = request.Password,
            });
            changes["Central:UseTls"] = request.UseTls ? "true" : "false";
            if (request.CaCertificatePem.Length > 0)
            {
                changes["Central:CaFile"] = SaveCentralCa(request.CaCertificatePem);
            }

            return Changed(config.Set(changes));
        });

    public override Task<ConfigChangeResponse> SetCardIdentityKeys(SetCardIdentityKeysRequest request, ServerCallContext context) =>
        Audited(context, "SetCardIdentityKeys", _ =>
        {
            var changes = request.Keys.ToDictionary(kv => $"CardIdentity:{kv.Key}", kv => kv.Value, StringComparer.OrdinalIgnoreCase);
            if (request.Mode.Length > 0)
            {
                changes["CardIdentity:Mode"] = request.Mode;
            }

            return Changed(config.Set(changes));
        });

    public override Task<GetConfigResponse> GetConfig(GetConfigRequest request, ServerCallContext context) =>
        Audited(context, "GetConfig", _ =>
        {
            var response = new GetConfigResponse { Version = config.State.AppliedVersion };
            foreach (var (k, v) in config.Effective(request.Prefix))
            {
                response.Settings[k] = v;
            }

            foreach (var (k, v) in config.ProvisionedShown())
            {
                response.Provisioned[k] = v;
            }

            return Done(response, $"version {response.Version}");
        });

    public override Task<ConfigChangeResponse> SetConfig(SetConfigRequest request, ServerCallContext context) =>
        Audited(context, "SetConfig", _ => Changed(config.Set(request.Settings)));

    public override Task<ConfigChangeResponse> ApplyConfig(ApplyConfigRequest request, ServerCallContext context) =>
        Audited(context, "ApplyConfig", _ => Changed(config.Apply(request.DocumentJson)));

    public override Task<DiffConfigResponse> DiffConfig(DiffConfigRequest request, ServerCallContext context) =>
        Audited(context, "DiffConfig", _ =>
        {
            var (from, to, changes) = config.Diff(request.DocumentJson.Length == 0 ? null : request.DocumentJson);
            var response = new DiffConfigResponse { FromVersion = from, ToVersion = to };
            response.Changes.AddRange(changes.Select(ToLine));
            return Done(response, $"{from} -> {to}");
        });

    public override Task<ConfigChangeResponse> RollbackConfig(RollbackConfigRequest request, ServerCallContext context) =>
        Audited(context, "RollbackConfig", _ => Changed(config.Rollback()));

    public override Task<ListDevicesResponse> ListDevices(ListDevicesRequest request, ServerCallContext context) =>
        Audited(context, "ListDevices", _ =>
        {
            var response = new ListDevicesResponse();
            response.Devices.AddRange(health.All.Select(DevicesGrpcService.ToStatus));
            return Done(response, "");
        });

    public override Task<RunSelfTestResponse> RunSelfTest(RunSelfTestRequest request, ServerCallContext context) =>
        Audited(context, "RunSelfTest", async _ =>
        {
            if (request.CardWaitSeconds > CardReaderSelfTest.MaxWait.TotalSeconds)
            {
                throw Invalid($"card_wait_seconds must be 1-{CardReaderSelfTest.MaxWait.TotalSeconds:0} (0: {CardReaderSelfTest.DefaultWait.TotalSeconds:0})");
            }

            var cardWait = request.CardWaitSeconds == 0 ? CardReaderSelfTest.DefaultWait : TimeSpan.FromSeconds(request.CardWaitSeconds);
            var response = new RunSelfTestResponse();
            response.Results.AddRange(await selfTests.RunAsync(request.DeviceId, request.Text.Length <= 80 ? request.Text : request.Text[..80], cardWait, context.CancellationToken).ConfigureAwait(false));
            return (response, string.Join(", ", response.Results.Select(r => $"{r.DeviceId} {(r.Passed ? "passed" : "failed")}")));
        });

    public override async Task TailLogs(TailLogsRequest request, IServerStreamWriter<TailLogsResponse> responseStream, ServerCallContext context)
    {
        var lines = request.Lines == 0 ? FetchLogsCommand.DefaultLines : (int)Math.Min(request.Lines, FetchLogsCommand.MaxLines);
        await Audited(context, "TailLogs", _ => Done(true, request.Follow ? "follow" : $"{lines} line(s)")).ConfigureAwait(false);
        var (_, position) = logs.Since(long.MaxValue);
        var first = new TailLogsResponse();
        first.Lines.AddRange(logs.Last(lines));
        await responseStream.WriteAsync(first, context.CancellationToken).ConfigureAwait(false);
        while (request.Follow && !context.CancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, context.CancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var (more, next) = logs.Since(position);
            position = next;
            if (more.Count > 0)
            {
                var message = new TailLogsResponse();
                message.Lines.AddRange(more);
                await responseStream.WriteAsync(message, context.CancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override async Task GetSupportBundle(GetSupportBundleRequest request, IServerStreamWriter<GetSupportBundleResponse> responseStream, ServerCallContext context)
    {
        var (zip, redacted) = await Audited(context, "GetSupportBundle", async _ =>
        {
            var built = await bundle.BuildAsync(context.CancellationToken).ConfigureAwait(false);
            return (built, $"{built.Zip.Length} bytes, {built.RedactedKeys.Count} key(s) redacted");
        }).ConfigureAwait(false);
        for (var offset = 0; offset < zip.Length || offset == 0; offset += BundleChunkBytes)
        {
            var message = new GetSupportBundleResponse { Chunk = ByteString.CopyFrom(zip, offset, Math.Min(BundleChunkBytes, zip.Length - offset)) };
            if (offset == 0)
            {
                message.TotalBytes = (ulong)zip.Length;
                message.RedactedKeys.AddRange(redacted);
            }

            await responseStream.WriteAsync(message, context.CancellationToken).ConfigureAwait(false);
        }
    }

    public override Task<RestartResponse> Restart(RestartRequest request, ServerCallContext context) =>
        Audited(context, "Restart", _ =>
        {
            Provisioning.FactoryReset.RestartSoon(lifetime);
            return Done(new RestartResponse(), "restarting");
        });

    public override Task<FactoryResetResponse> FactoryReset(FactoryResetRequest request, ServerCallContext context) =>
        Audited(context, "FactoryReset", technician =>
        {
            RequireSupervisor(technician);
            if (!string.Equals(request.ConfirmKioskId, kiosk.Value.KioskId, StringComparison.Ordinal))
            {
                throw Refusal.Create(StatusCode.FailedPrecondition, RefusalReason.ConfirmationMismatch, "confirm_kiosk_id must be this kiosk's id (see GetStatus)");
            }

            reset.Run();
            return Done(new FactoryResetResponse(), "reset, restarting into enrollment");
        });

    private static Task<(T, string)> Done<T>(T response, string detail) => Task.FromResult((response, detail));

    private static Task<(ConfigChangeResponse, string)> Changed(ConfigVersionResult result)
    {
        var response = new ConfigChangeResponse { Version = result.Version, RestartRequired = result.Changes.Count > 0 };
        response.Changes.AddRange(result.Changes.Select(ToLine));
        var keys = string.Join(", ", result.Changes.Take(20).Select(c => c.Key));
        return Done(response, $"version {result.Version}: {(keys.Length == 0 ? "no change" : keys)}");
    }

    private static EnrolledTechnician ToEnrolled(TechnicianRecord t) =>
        new() { Name = t.Name, Role = t.Role, CertificateSerial = t.Serial, EnrolledAt = Timestamp.FromDateTimeOffset(t.EnrolledAt) };

    private static ConfigDiffLine ToLine(ConfigChange change) =>
        new() { Key = change.Key, Change = change.Change, OldValue = change.OldValue, NewValue = change.NewValue };

    private static Dictionary<string, string> NonEmpty(Dictionary<string, string> values) =>
        values.Where(kv => kv.Value.Length > 0).ToDictionary(StringComparer.OrdinalIgnoreCase);

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));

    private static void RequireSupervisor(TechnicianRecord? technician)
    {
        if (technician?.IsSupervisor != true)
        {
            throw Refusal.Create(StatusCode.PermissionDenied, RefusalReason.SupervisorRequired, "only a supervisor technician may do this");
        }
    }

    /// <summary>Stored under a name of its own content, so that a refused configuration never replaces the CA in use.</summary>
    private string SaveCentralCa(string pem)
    {
        try
        {
            using var parsed = X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException)
        {
            throw Invalid("ca_certificate_pem is not a PEM certificate");
        }

        var bytes = System.Text.Encoding.ASCII.GetBytes(pem);
        var path = Path.Combine(ProvisioningFiles.EnsureDirectory(kiosk.Value), $"central-ca-{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}.pem");
        ProvisioningFiles.WriteAtomic(path, bytes);
        return path;
    }

    /// <summary>Runs a method and audits its outcome; maps the domain's refusals to gRPC statuses.</summary>
    private async Task<T> Audited<T>(ServerCallContext context, string method, Func<TechnicianRecord?, Task<(T Response, string Detail)>> body)
    {
        var http = context.GetHttpContext();
        var technician = ProvisioningGuard.Technician(http);
        var remote = http.Connection.RemoteIpAddress?.ToString() ?? "";
        try
        {
            var (response, detail) = await body(technician).ConfigureAwait(false);
            await audit.RecordAsync(method, technician, "ok", detail, remote).ConfigureAwait(false);
            return response;
        }
        catch (Exception ex) when (Map(ex) is { } status)
        {
            await audit.RecordAsync(method, technician, status.StatusCode.ToString(), Summary(ex), remote).ConfigureAwait(false);
            throw ex is RpcException { Trailers.Count: > 0 } refusal ? refusal : Refused(ex, status);
        }
    }

    /// <summary>A refused configuration says how many problems it had and the first, besides the whole text.</summary>
    private static RpcException Refused(Exception ex, Status status) => ex is ProvisionedConfigException config
        ? Refusal.Create(status.StatusCode, RefusalReason.ConfigInvalid, status.Detail, new Dictionary<string, string> { ["problems"] = config.Problems.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), ["first_problem"] = config.Problems.FirstOrDefault() ?? "" })
        : new RpcException(status);

    private static Status? Map(Exception ex) => ex switch
    {
        RpcException rpc => rpc.Status,
        ProvisionedConfigException config => new Status(StatusCode.InvalidArgument, config.Message),
        InvalidOperationException invalid => new Status(StatusCode.FailedPrecondition, invalid.Message),
        KeyNotFoundException missing => new Status(StatusCode.NotFound, missing.Message),
        _ => null,
    };

    /// <summary>The audit keeps the refusal's kind, never its text (a config refusal may quote no value, but stay safe).</summary>
    private static string Summary(Exception ex) => ex switch
    {
        ProvisionedConfigException config => $"{config.Problems.Count} problem(s)",
        _ => ex.GetType().Name,
    };
}
