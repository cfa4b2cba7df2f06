"""`GET /health`: the service is up, which version it is, and the languages it speaks."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from crampcoach.api.problems import PROBLEM_RESPONSES

router = APIRouter(tags=["service"], responses=PROBLEM_RESPONSES)


class Health(BaseModel):
    """The service is up."""

    status: str = Field(examples=["ok"])
    version: str
    languages: list[str] = Field(description="For Accept-Language; en-XA is a test language")


@router.get("/health", response_model=Health, summary="Is the service up?")
async def health(request: Request) -> Health:
    """Up, and its version; reads neither the diary nor the knowledge (nor, each time, the
    installed package's metadata: the app read its version once, when it was made)."""
    from crampcoach.i18n import PSEUDO, languages

    version: str = request.app.version
    return Health(status="ok", version=version, languages=[*languages(), PSEUDO])
