# /etc/cron.d/willakuy: builds the day's bulletins at 05:30 for the 06:00
# broadcast, as the user willakuy, on a machine without systemd; under
# systemd willakuy.timer does it and this line does nothing. Edit the time
# here (and with `systemctl edit willakuy.timer`). willakuy prints nothing
# when all went well, so cron mails only problems, in Spanish (the locale
# es_PE.UTF-8 must exist: dpkg-reconfigure locales). Exit codes: willakuy(1).
SHELL=/bin/sh
PATH=/usr/bin:/bin
LANG=es_PE.UTF-8
TZ=America/Lima
MAILTO=root
30 5 * * * willakuy [ -d /run/systemd/system ] || /usr/bin/willakuy build -q -c /etc/willakuy/station.xml -o /var/lib/willakuy /etc/willakuy/bulletins/*.xml
