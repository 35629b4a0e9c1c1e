"""Large feeds for the reader figures of `make bench`:
    feeds.py prices N OUT CATALOG   N prices over markets of every product
    feeds.py news N OUT             an RSS feed of N items"""
import sys
n=int(sys.argv[2]); kind=sys.argv[1]
if kind=='prices':
    import re
    ids=re.findall(r'<product id="([^"]*)"', open(sys.argv[4]).read())
    out=['<?xml version="1.0" encoding="UTF-8"?>\n<prices date="2026-11-29" currency="PEN">\n']
    per=len(ids); m=0; k=0
    while k<n:
        out.append(' <market id="m%d" name="Mercado %d" town="Huamanga">\n'%(m,m))
        for i in range(per):
            if k>=n: break
            out.append('  <price product="%s" unit="kg" value="%d.%02d"/>\n'%(ids[i],1+i%9,k%100)); k+=1
        out.append(' </market>\n'); m+=1
    out.append('</prices>\n')
else:
    out=['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>t</title>\n']
    for i in range(n):
        out.append('<item><title>Noticia %d</title><description>Texto de la noticia %d.</description><category>agro</category></item>\n'%(i,i))
    out.append('</channel></rss>\n')
open(sys.argv[3],'w').write(''.join(out))
