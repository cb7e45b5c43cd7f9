"""A third-party provisioning client: Debian's python3-grpcio, stubs generated from protos/ now.

Usage: provision_kiosk.py PROTOS_DIR WORK_DIR HOST PORT CODE FINGERPRINT
Pins the kiosk's key (refuses to send the code to any other), enrolls with a CSR of its own key,
then over mutual TLS sets a configuration and runs a self-test. Refusals on the way (a call before
enrolling, an invalid configuration) are read as a client would branch on them: the ErrorInfo reason in
the grpc-status-details-bin trailer. Prints one JSON object.
"""
import hashlib
import json
import os
import ssl
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from grpc_tools import protoc
import grpc

SERVER_NAME = "kiosk-agent.provisioning"

# google.rpc.Status and ErrorInfo (googleapis, google/rpc/status.proto and error_details.proto), only
# the fields this client reads: Debian ships no googleapis-common-protos for Python.
RPC_PROTO = """syntax = "proto3";
package google.rpc;
import "google/protobuf/any.proto";
message Status { int32 code = 1; string message = 2; repeated google.protobuf.Any details = 3; }
message ErrorInfo { string reason = 1; string domain = 2; map<string, string> metadata = 3; }
"""


def generate_stubs(protos, out):
    include = os.path.join(os.path.dirname(protoc.__file__), "_proto")
    # Only what this client uses: Debian's grpc-tools (protoc 3.6) predates proto3 'optional',
    # which other files of the contract use.
    files = [os.path.join(protos, "kiosk", "v1", name) for name in ("provisioning.proto", "devices.proto")]
    os.makedirs(os.path.join(out, "google", "rpc"), exist_ok=True)
    rpc_proto = os.path.join(out, "google", "rpc", "status.proto")
    with open(rpc_proto, "w") as f:
        f.write(RPC_PROTO)
    code = protoc.main(["protoc", f"-I{protos}", f"-I{include}", f"-I{out}", f"--python_out={out}", f"--grpc_python_out={out}", *files, rpc_proto])
    if code != 0:
        raise SystemExit(f"protoc failed with {code}")
    sys.path.insert(0, out)


def refusal(call):
    """Calls; expects a refusal and returns its status code name, ErrorInfo reason, domain and metadata."""
    from google.rpc import status_pb2  # noqa: E402
    try:
        call()
    except grpc.RpcError as error:
        details = dict(error.trailing_metadata() or ()).get("grpc-status-details-bin")
        if details is None:
            return {"code": error.code().name, "reason": None}
        status = status_pb2.Status.FromString(details)
        info = status_pb2.ErrorInfo()
        if not status.details or not status.details[0].Unpack(info):
            return {"code": error.code().name, "reason": None}
        return {"code": error.code().name, "reason": info.reason, "domain": info.domain, "metadata": dict(info.metadata)}
    raise SystemExit("the call was expected to be refused")


def pinned_certificate(host, port, fingerprint):
    pem = ssl.get_server_certificate((host, port))
    certificate = x509.load_pem_x509_certificate(pem.encode())
    spki = certificate.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    if hashlib.sha256(spki).hexdigest() != fingerprint:
        raise SystemExit("the kiosk's key does not match the pinned fingerprint: not sending the code")
    return pem.encode()


def channel(host, port, root, key=None, chain=None):
    credentials = grpc.ssl_channel_credentials(root_certificates=root, private_key=key, certificate_chain=chain)
    return grpc.secure_channel(f"{host}:{port}", credentials, options=[("grpc.ssl_target_name_override", SERVER_NAME)])


def main():
    protos, work, host, port, code, fingerprint = sys.argv[1:7]
    port = int(port)
    generate_stubs(protos, work)
    from kiosk.v1 import provisioning_pb2 as pb, provisioning_pb2_grpc as rpc  # noqa: E402
    from kiosk.v1 import devices_pb2  # noqa: E402,F401

    root = pinned_certificate(host, port, fingerprint)
    key = ec.generate_private_key(ec.SECP256R1())
    csr = x509.CertificateSigningRequestBuilder().subject_name(
        x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "python client")])).sign(key, hashes.SHA256())
    with channel(host, port, root) as anonymous:
        before_enrolling = refusal(lambda: rpc.ProvisioningStub(anonymous).GetStatus(pb.GetStatusRequest(), timeout=30))
        enrolled = rpc.ProvisioningStub(anonymous).Enroll(pb.EnrollRequest(
            code=code, csr_pem=csr.public_bytes(serialization.Encoding.PEM).decode(), technician_name="python client"), timeout=30)

    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    with channel(host, port, root, key_pem, enrolled.certificate_pem.encode()) as secure:
        stub = rpc.ProvisioningStub(secure)
        changed = stub.SetConfig(pb.SetConfigRequest(settings={"Screen:IdleGreeting": "Hello from Python"}), timeout=30)
        devices = stub.ListDevices(devices_pb2.ListDevicesRequest(), timeout=30)
        reader = next(d.device_id for d in devices.devices if d.kind == "card_reader")
        # The reader waits for a card: the test taps one on the simulated reader meanwhile.
        tested = stub.RunSelfTest(pb.RunSelfTestRequest(device_id=reader, card_wait_seconds=90), timeout=150)
        config = stub.GetConfig(pb.GetConfigRequest(prefix="Screen"), timeout=30)
        invalid = refusal(lambda: stub.ApplyConfig(pb.ApplyConfigRequest(document_json='{"Api": {"UiPort": 1}}'), timeout=30))
    print(json.dumps({
        "role": enrolled.role,
        "version": changed.version,
        "greeting": config.settings.get("Screen:IdleGreeting", ""),
        "refusals": {"before_enrolling": before_enrolling, "invalid_config": invalid},
        "selftest": [{"device": r.device_id, "passed": r.passed, "detail": r.detail} for r in tested.results],
    }))


if __name__ == "__main__":
    main()
