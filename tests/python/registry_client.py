#!/usr/bin/python3
"""A registry client in Python, written from docs/protocol.md alone.

Proves that a developer in another language can talk to fcavtal-registry with
pyzmq and protoc-generated classes: it generates the classes from proto/ into a
temporary folder, starts the real registry binary on ephemeral loopback ports,
and exercises requests, errors, idempotency and events.

usage: registry_client.py PATH/TO/fcavtal-registry PATH/TO/proto

Needs protoc (PROTOC in the environment, else on PATH), pyzmq and protobuf.
Exits 0 when every check passed, 1 on any failure, 77 (skip) when a tool or
module is missing.
"""

import importlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

SKIP = 77

try:
    import zmq
    from zmq.utils.monitor import recv_monitor_message
except ImportError as e:
    print(f"skip: pyzmq is missing ({e})")
    sys.exit(SKIP)


def generate(proto_dir, out_dir):
    """protoc --python_out for every .proto of fcavtal/v1; returns the modules."""
    protoc = os.environ.get("PROTOC") or shutil.which("protoc")
    if not protoc:
        print("skip: protoc not found")
        sys.exit(SKIP)
    os.makedirs(out_dir, exist_ok=True)
    v1 = os.path.join(proto_dir, "fcavtal", "v1")
    protos = sorted(os.path.join(v1, f) for f in os.listdir(v1) if f.endswith(".proto"))
    subprocess.run([protoc, f"-I{proto_dir}", f"--python_out={out_dir}", *protos], check=True)
    sys.path.insert(0, out_dir)
    try:
        common = importlib.import_module("fcavtal.v1.common_pb2")
        registry = importlib.import_module("fcavtal.v1.registry_pb2")
    except ImportError as e:
        print(f"skip: the protobuf runtime is missing ({e})")
        sys.exit(SKIP)
    return common, registry


class Registry:
    """The real binary on ephemeral loopback ports, found through --ready-file."""

    def __init__(self, binary, workdir):
        self.ready = os.path.join(workdir, "ready")
        self.log = open(os.path.join(workdir, "registry.log"), "w+b")
        self.proc = subprocess.Popen(
            [binary, "--data", os.path.join(workdir, "data"),
             "--bind", "tcp://127.0.0.1:*", "--publish", "tcp://127.0.0.1:*",
             "--ready-file", self.ready, "--log-level", "warn"],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.request, self.publish = self._wait_ready(10.0)

    def _wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"registry exited with {self.proc.returncode}: {self.output()}")
            try:
                with open(self.ready) as f:
                    fields = dict(line.strip().split("=", 1) for line in f if "=" in line)
                if "request" in fields and "publish" in fields:
                    return fields["request"], fields["publish"]
            except FileNotFoundError:
                pass
            time.sleep(0.01)
        raise RuntimeError("registry did not write its ready file within 10 s")

    def output(self):
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


class Client:
    """A DEALER: sends [empty][payload], receives [empty][payload]."""

    def __init__(self, ctx, endpoint, pb):
        self.pb = pb
        self.sock = ctx.socket(zmq.DEALER)
        self.sock.linger = 0
        self.sock.rcvtimeo = 5000
        self.sock.connect(endpoint)

    def send_raw(self, payload):
        self.sock.send_multipart([b"", payload])
        frames = self.sock.recv_multipart()
        if len(frames) != 2 or frames[0] != b"":
            raise AssertionError(f"reply is not [empty][payload]: {len(frames)} frames")
        reply = self.pb.RegistryReply()
        reply.ParseFromString(frames[1])
        return reply

    def call(self, request):
        return self.send_raw(request.SerializeToString())


def wait_connected(sub, timeout_ms=5000):
    """Waits for the SUB's handshake, so that its subscription reaches the PUB
    before the first event (the 'slow joiner' problem)."""
    monitor = sub.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED)
    try:
        if not monitor.poll(timeout_ms):
            raise AssertionError("the subscriber did not connect")
        recv_monitor_message(monitor)
    finally:
        sub.disable_monitor()
        monitor.close()
    time.sleep(0.1)   # the subscription travels right after the handshake


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    binary, proto_dir = sys.argv[1], sys.argv[2]
    workdir = tempfile.mkdtemp(prefix="fcavtal-py-")
    passed = failed = 0
    registry = None
    ctx = zmq.Context()

    def check(name, fn):
        nonlocal passed, failed
        try:
            fn()
            passed += 1
            print(f"ok   {name}")
        except Exception:   # report every failure, keep going
            failed += 1
            print(f"FAIL {name}")
            traceback.print_exc(file=sys.stdout)

    try:
        common, pb = generate(proto_dir, os.path.join(workdir, "gen"))
        registry = Registry(binary, workdir)
        client = Client(ctx, registry.request, pb)
        sub = ctx.socket(zmq.SUB)
        sub.linger = 0
        sub.rcvtimeo = 5000
        sub.subscribe(b"registry.")
        sub.connect(registry.publish)
        wait_connected(sub)

        state = {}

        def organisation(number):
            req = pb.RegistryRequest(request_id="py-org-1", actor="python-test")
            org = req.put_organisation.organisation
            org.org_number.value = number
            org.name = "Västra Götalandsregionen"
            org.kind = pb.ORG_KIND_REGION
            org.contacts.add(name="Registrator", email="diarium@example.org", role="diarium")
            return req

        def create():
            state["create"] = organisation("2321000131")
            rep = client.call(state["create"])
            assert rep.status.code == common.OK, rep.status
            assert rep.request_id == "py-org-1", rep.request_id
            assert rep.WhichOneof("body") == "organisation", rep.WhichOneof("body")
            assert rep.organisation.id > 0
            assert rep.organisation.org_number.value == "232100-0131", rep.organisation.org_number
            assert rep.seq == 1, rep.seq
            state["id"] = rep.organisation.id
            state["reply"] = rep

        def get():
            req = pb.RegistryRequest(request_id="py-get-1")
            req.get_organisation.id = state["id"]
            rep = client.call(req)
            assert rep.status.code == common.OK, rep.status
            org = rep.organisation
            assert org.id == state["id"]
            assert org.name == "Västra Götalandsregionen", org.name
            assert org.kind == pb.ORG_KIND_REGION
            assert org.org_number.value == "232100-0131"
            assert org.contacts[0].email == "diarium@example.org"
            assert rep.seq == 1, rep.seq

        def event():
            topic, payload = sub.recv_multipart()
            assert topic == b"registry.organisation.created", topic
            ev = pb.RegistryEvent()
            ev.ParseFromString(payload)
            assert ev.seq == 1, ev.seq
            assert ev.action == "organisation.created", ev.action
            assert ev.request_id == "py-org-1", ev.request_id
            assert ev.actor == "local:python-test", ev.actor
            assert ev.WhichOneof("entity") == "organisation"
            assert ev.organisation.id == state["id"]

        def retry():
            rep = client.call(state["create"])
            assert rep == state["reply"], rep
            req = pb.RegistryRequest(request_id="py-list-1")
            req.list_organisations.SetInParent()
            listed = client.call(req)
            assert len(listed.organisations.items) == 1, listed.organisations

        def reused_id():
            req = organisation("232100-0164")     # same request id, other content
            rep = client.call(req)
            assert rep.status.code == common.ALREADY_EXISTS, rep.status
            assert not rep.WhichOneof("body")

        def bad_number():
            req = organisation("232100-0132")     # wrong check digit
            req.request_id = "py-org-bad"
            rep = client.call(req)
            assert rep.status.code == common.INVALID_ARGUMENT, rep.status
            fields = [v.field for v in rep.status.violations]
            assert "organisation.org_number" in fields, rep.status
            assert not rep.WhichOneof("body")

        def duplicate_number():
            req = organisation("232100-0131")
            req.request_id = "py-org-dup"
            rep = client.call(req)
            assert rep.status.code == common.ALREADY_EXISTS, rep.status
            assert [v.field for v in rep.status.violations] == ["organisation.org_number"]

        def no_request_id():
            req = organisation("212000-1355")
            req.request_id = ""
            rep = client.call(req)
            assert rep.status.code == common.INVALID_ARGUMENT, rep.status

        def not_found():
            req = pb.RegistryRequest(request_id="py-get-2")
            req.get_organisation.id = 999
            rep = client.call(req)
            assert rep.status.code == common.NOT_FOUND, rep.status

        def garbage():
            rep = client.send_raw(b"\xff\xff\xff")
            assert rep.status.code == common.INVALID_ARGUMENT, rep.status
            rep = client.send_raw(b"")
            assert rep.status.code == common.UNIMPLEMENTED, rep.status

        def snapshot():
            req = pb.RegistryRequest(request_id="py-snap")
            req.snapshot.SetInParent()
            rep = client.call(req)
            assert rep.status.code == common.OK, rep.status
            assert rep.snapshot.seq == 1, rep.snapshot.seq
            orgs = [r.organisation.id for r in rep.snapshot.records
                    if r.WhichOneof("entity") == "organisation"]
            assert orgs == [state["id"]], orgs
            assert rep.snapshot.records[0].action == "organisation.snapshot"
            assert rep.snapshot.next_cursor == b"", "one page holds it all"

        def req_socket():
            s = ctx.socket(zmq.REQ)
            s.linger = 0
            s.rcvtimeo = 5000
            s.connect(registry.request)
            try:
                req = pb.RegistryRequest()
                req.today.SetInParent()
                s.send(req.SerializeToString())
                rep = pb.RegistryReply()
                rep.ParseFromString(s.recv())
                assert rep.status.code == common.OK, rep.status
                assert rep.today.year >= 2024, rep.today
            finally:
                s.close()

        def no_more_events():
            # The failed and replayed mutations above published nothing.
            assert sub.poll(200) == 0, "unexpected event"

        def clean_stop():
            rc = registry.stop(signal.SIGTERM)
            assert rc == 0, f"exit status {rc}: {registry.output()}"

        check("put_organisation creates 232100-0131 (seq 1)", create)
        check("get_organisation reads it back", get)
        check("event registry.organisation.created with seq 1", event)
        check("a retried request id gets the same reply, nothing twice", retry)
        check("a reused request id with another payload: ALREADY_EXISTS", reused_id)
        check("bad org number: INVALID_ARGUMENT on organisation.org_number", bad_number)
        check("org number already registered: ALREADY_EXISTS", duplicate_number)
        check("a mutation without request_id: INVALID_ARGUMENT", no_request_id)
        check("unknown id: NOT_FOUND", not_found)
        check("malformed and empty payloads get error replies", garbage)
        check("snapshot carries seq 1 and the organisation", snapshot)
        check("a REQ socket works too", req_socket)
        check("failed mutations publish nothing", no_more_events)
        check("SIGTERM stops cleanly with status 0", clean_stop)
    except Exception:
        failed += 1
        print("FAIL setup")
        traceback.print_exc(file=sys.stdout)
        if registry:
            print(registry.output())
    finally:
        if registry:
            registry.stop(signal.SIGKILL)
            registry.log.close()
        ctx.destroy(linger=0)
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
