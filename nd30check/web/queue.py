"""A bounded, first-come-first-served queue over the worker processes.

The server may run at most ``workers`` checking processes at once (the machine's cores by
default). A request that checks ``k`` files asks for ``min(k, workers)`` of them and waits its
turn behind the requests that came before it (strict FIFO: a big folder is not overtaken
forever by single files, and ten teachers pressing "check" together are served in turn).
At most ``capacity`` requests are admitted at once — uploading, waiting or running; the next
one is told the server is busy (503, ``Retry-After``) before its body is read, so a crowd
cannot fill the disk or the memory.
"""

from __future__ import annotations

import asyncio
from collections import deque


class Busy(Exception):
    """The queue is full."""


class Slots:
    def __init__(self, workers: int, capacity: int):
        self.workers = max(1, workers)
        self.free = self.workers
        self.capacity = max(1, capacity)
        self.admitted = 0
        self._waiters: deque[tuple[int, asyncio.Future[None]]] = deque()

    # admission (request level)
    def admit(self) -> None:
        if self.admitted >= self.capacity:
            raise Busy()
        self.admitted += 1

    def leave(self) -> None:
        self.admitted = max(0, self.admitted - 1)

    @property
    def waiting(self) -> int:
        return sum(1 for _k, f in self._waiters if not f.done())

    @property
    def running(self) -> int:
        return self.workers - self.free

    # worker slots
    async def acquire(self, wanted: int) -> int:
        """Wait for ``wanted`` worker slots (at most all of them), in arrival order."""
        k = max(1, min(wanted, self.workers))
        if not self._waiters and self.free >= k:
            self.free -= k
            return k
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (k, fut)
        self._waiters.append(entry)
        try:
            await fut
        except asyncio.CancelledError:
            if fut.done() and not fut.cancelled():
                self.release(k)  # granted just as we were cancelled: give it back
            else:
                try:
                    self._waiters.remove(entry)
                except ValueError:
                    pass
                self._wake()
            raise
        return k

    def release(self, k: int) -> None:
        self.free = min(self.workers, self.free + k)
        self._wake()

    def _wake(self) -> None:
        while self._waiters:
            k, fut = self._waiters[0]
            if fut.done():
                self._waiters.popleft()
                continue
            if self.free < k:
                return
            self._waiters.popleft()
            self.free -= k
            fut.set_result(None)
