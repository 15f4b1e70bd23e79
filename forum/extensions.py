"""Flask extensions, created unbound and bound to the app in create_app."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_socketio import SocketIO
from flask_wtf import CSRFProtect

login_manager = LoginManager()
csrf = CSRFProtect()
migrate = Migrate()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def member_key() -> str:
    """Rate-limit key of a logged-in member (their id), else of the address.

    Members behind one address (a library, a hospital, a shelter) must not use up each other's posting allowance.
    """
    from flask_login import current_user

    if current_user.is_authenticated:
        return f"member:{current_user.id}"
    return get_remote_address()


socketio = SocketIO()
